package dev.baton.simulator;

import dev.baton.domain.LlmProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A batch the simulated provider knows: the provider state each poll sees, and the requests whose
 * results it generates when asked (never held in memory, so a batch may have 100 000 of them).
 */
public final class SimulatedBatch {
  private final LlmProvider provider;
  private final String id;
  private final List<String> states;
  private final int itemCount;
  private final IntFunction<SimulatedOutcome> outcomes;
  private final boolean cancelInitiated;
  private final int answerLength;
  private final int[] outcomeCounts = new int[SimulatedOutcome.values().length];
  private final AtomicInteger polls = new AtomicInteger();

  private SimulatedBatch(Builder builder) {
    this.provider = builder.provider;
    this.id = builder.id;
    this.states = List.copyOf(builder.states);
    this.itemCount = builder.itemCount;
    this.outcomes = builder.outcomes;
    this.cancelInitiated = builder.cancelInitiated || states.contains("canceling");
    this.answerLength = builder.answerLength;
    for (int index = 0; index < itemCount; index++) {
      outcomeCounts[outcomeOf(index).ordinal()]++;
    }
  }

  /** A Message Batch, {@code in_progress} at every poll until scripted otherwise. */
  public static Builder anthropic(String id) {
    return new Builder(LlmProvider.ANTHROPIC, id, "in_progress", "ended");
  }

  /** An OpenAI batch, {@code in_progress} at every poll until scripted otherwise. */
  public static Builder openAi(String id) {
    return new Builder(LlmProvider.OPENAI, id, "in_progress", "completed");
  }

  /** The custom id of the request at {@code index}. */
  public static String customId(int index) {
    return "request-" + index;
  }

  public LlmProvider provider() {
    return provider;
  }

  public String id() {
    return id;
  }

  public int itemCount() {
    return itemCount;
  }

  /** How many times the batch was retrieved so far. */
  public int polls() {
    return polls.get();
  }

  int countOf(SimulatedOutcome outcome) {
    return outcomeCounts[outcome.ordinal()];
  }

  SimulatedOutcome outcomeOf(int index) {
    return Objects.requireNonNull(outcomes.apply(index), "outcome of request " + index);
  }

  int answerLength() {
    return answerLength;
  }

  boolean cancelInitiated() {
    return cancelInitiated;
  }

  /** Counts a poll and returns the state it sees: the n-th scripted state, the last one after. */
  String poll() {
    return stateAtPoll(polls.incrementAndGet());
  }

  String stateAtPoll(int poll) {
    return states.get(Math.min(poll, states.size()) - 1);
  }

  /** The state the last poll saw, or the first state before any poll. */
  String currentState() {
    return stateAtPoll(Math.max(1, polls.get()));
  }

  /** Scripts a {@link SimulatedBatch}. */
  public static final class Builder {
    private final LlmProvider provider;
    private final String id;
    private final String runningState;
    private final String endState;
    private List<String> states;
    private int itemCount;
    private IntFunction<SimulatedOutcome> outcomes = index -> SimulatedOutcome.SUCCEEDED;
    private boolean cancelInitiated;
    private int answerLength;

    private Builder(LlmProvider provider, String id, String runningState, String endState) {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("a batch id is required");
      }
      this.provider = provider;
      this.id = id;
      this.runningState = runningState;
      this.endState = endState;
      this.states = List.of(runningState);
    }

    /** The provider's state at the first, second, … poll; the last one stays. */
    public Builder states(String... statesByPoll) {
      if (statesByPoll.length == 0) {
        throw new IllegalArgumentException("at least one state is needed");
      }
      this.states = List.of(statesByPoll);
      return this;
    }

    /**
     * Running for {@code polls} polls, then ended (Anthropic) or completed (OpenAI) from the next
     * one on.
     */
    public Builder endsAfterPolls(int polls) {
      if (polls < 0) {
        throw new IllegalArgumentException("polls must not be negative: " + polls);
      }
      List<String> script = new ArrayList<>();
      for (int poll = 0; poll < polls; poll++) {
        script.add(runningState);
      }
      script.add(endState);
      this.states = script;
      return this;
    }

    /** {@code count} requests that all succeed. */
    public Builder items(int count) {
      return items(count, index -> SimulatedOutcome.SUCCEEDED);
    }

    /** {@code count} requests, the one at each index ending as {@code outcomeOfIndex} says. */
    public Builder items(int count, IntFunction<SimulatedOutcome> outcomeOfIndex) {
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative: " + count);
      }
      this.itemCount = count;
      this.outcomes = Objects.requireNonNull(outcomeOfIndex, "outcomeOfIndex");
      return this;
    }

    /** Anthropic: a cancel was asked for, so an ended batch shows {@code cancel_initiated_at}. */
    public Builder cancelInitiated() {
      this.cancelInitiated = true;
      return this;
    }

    /** Pads each successful answer to about this many characters, to make large files. */
    public Builder answerLength(int characters) {
      if (characters < 0) {
        throw new IllegalArgumentException("characters must not be negative: " + characters);
      }
      this.answerLength = characters;
      return this;
    }

    public SimulatedBatch build() {
      return new SimulatedBatch(this);
    }
  }
}
