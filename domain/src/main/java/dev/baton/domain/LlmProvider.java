package dev.baton.domain;

/** The LLM providers whose batch jobs Baton polls; lowercase on the wire. */
public enum LlmProvider {
  ANTHROPIC,
  OPENAI;

  public String wireName() {
    return WireEnum.wireName(this);
  }

  public static LlmProvider fromWire(String wire) {
    return WireEnum.fromWire(LlmProvider.class, wire);
  }
}
