package dev.baton.bootstrap;

/** The version this jar was built as (from its manifest), for logs and the instance registry. */
final class BatonVersion {
  private BatonVersion() {}

  static String current() {
    String version = BatonVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
