package io.mooring.backup.run;

/** Where a run is: {@link #PRUNED} runs had succeeded, and retention deleted their artifacts. */
public enum RunState {
    RUNNING, SUCCEEDED, FAILED, PRUNED
}
