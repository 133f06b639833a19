# src/snapio/: the snapshot IO campaign (migbench-snapio(1)): domain and
# snapshot XML, the chain, fio at each depth, the journal and the report.
src_migbench_SOURCES += src/snapio/cmd_snapio.c \
	src/snapio/snapio.c src/snapio/snapio.h \
	src/snapio/snapio_options.c src/snapio/snapio_options.h \
	src/snapio/snapio_setup.c src/snapio/snapio_setup.h \
	src/snapio/snapio_resume.c \
	src/snapio/snapio_journal.c src/snapio/snapio_journal.h \
	src/snapio/snapio_build.c src/snapio/snapio_measure.c src/snapio/snapio_revert.c \
	src/snapio/snapio_report.c src/snapio/snapio_report.h \
	src/snapio/snapio_figures.c src/snapio/snapio_figures.h \
	src/snapio/domxml.c src/snapio/domxml.h \
	src/snapio/snapshot.c src/snapio/snapshot.h
