# analysis/: pure functions, no I/O, no libvirt.
noinst_LIBRARIES += analysis/libmbanalysis.a
analysis_libmbanalysis_a_SOURCES = \
	analysis/outage.c analysis/outage.h \
	analysis/units.c analysis/units.h
# Migration data volume from packet headers: parsing, totals, bins.
analysis_libmbanalysis_a_SOURCES += analysis/volume.c analysis/volume.h
# gnuplot's string quoting, for both plot scripts (run, snapio).
analysis_libmbanalysis_a_SOURCES += analysis/gnuplot.c analysis/gnuplot.h
# The run plot: a gnuplot script over the CSV files of --out.
analysis_libmbanalysis_a_SOURCES += analysis/run_plot.c analysis/run_plot.h

include $(srcdir)/analysis/snapio/local.mk
# A saved iputils ping log read back into a probe series (migbench analyze
# --ping-log): the line forms, then the series.
analysis_libmbanalysis_a_SOURCES += analysis/pingline.c analysis/pingline.h \
	analysis/pinglog.c analysis/pinglog.h
# Bytes from a guest or a file made valid UTF-8 for result documents.
analysis_libmbanalysis_a_SOURCES += analysis/utf8.c analysis/utf8.h
# Guest workloads: the --workload spec, --guest-exec words, the dirtier's
# report; and the convergence audit of a migration's iterations.
analysis_libmbanalysis_a_SOURCES += analysis/workload.c analysis/workload.h \
	analysis/convergence.c analysis/convergence.h
# The prober's kernel transmit stamps matched to probes (its lateness
# distribution is an analysis/histogram.h).
analysis_libmbanalysis_a_SOURCES += analysis/txstamp.c analysis/txstamp.h
# OpenStack's records read back (migbench analyze --nova-log,
# --nova-migrations): its times, nova-compute's log, the migration table.
analysis_libmbanalysis_a_SOURCES += analysis/novatime.c analysis/novatime.h \
	analysis/novalog.c analysis/novalog.h analysis/novamig.c analysis/novamig.h
# The application probe's figures: log-bucketed latency histograms, the
# per-phase figures of a request stream, the phase ledger, URL parsing.
analysis_libmbanalysis_a_SOURCES += analysis/histogram.c analysis/histogram.h \
	analysis/url.c analysis/url.h analysis/app.c analysis/app.h \
	analysis/ledger.c analysis/ledger.h analysis/httpresp.c analysis/httpresp.h
# A cursor over one line of a log from elsewhere (ping logs, nova).
analysis_libmbanalysis_a_SOURCES += analysis/scan.c analysis/scan.h
# Campaigns (migbench run --runs, --sweep): the statistics of repeated
# runs and the plan (sweep product, interleaved order, campaign.json).
analysis_libmbanalysis_a_SOURCES += analysis/stats.c analysis/stats.h \
	analysis/sweep.c analysis/sweep.h
analysis_libmbanalysis_a_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
# A campaign's box plots and downtime scatter (gnuplot scripts).
analysis_libmbanalysis_a_SOURCES += analysis/campaign_plot.c analysis/campaign_plot.h
# A command line in one option value split by the shell's quoting rules
# (run --trigger): the program then runs without a shell.
analysis_libmbanalysis_a_SOURCES += analysis/argsplit.c analysis/argsplit.h
# The steal time in /proc/stat's cpu line (the prober reports it).
analysis_libmbanalysis_a_SOURCES += analysis/procstat.c analysis/procstat.h
