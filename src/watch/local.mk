# src/watch/: migbench watch: the migrations others start, measured by
# src/run/'s code (the trigger step waits instead of migrating).
src_migbench_SOURCES += src/watch/cmd_watch.c
