# Benchmarks (run by hand, see bench/README.md); the observer-effect
# table's statistics are a small program over analysis/stats.
noinst_PROGRAMS += bench/observer_stats
bench_observer_stats_SOURCES = bench/observer_stats.c
bench_observer_stats_LDADD = analysis/libmbanalysis.a -lm
EXTRA_DIST += bench/observer.sh bench/observer.csv bench/observer-run1.csv bench/observer-run2.csv \
	bench/observer-run3.csv bench/observer-run4.csv
