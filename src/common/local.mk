# src/common/: what every mode shares: option parsing, signals, result
# files, hosts and libvirt connections, the guest agent, gnuplot.
src_migbench_SOURCES += src/common/exitcode.h \
	src/common/cli.c src/common/cli.h \
	src/common/json.c src/common/json.h \
	src/common/problem.c src/common/problem.h \
	src/common/signals.c src/common/signals.h \
	src/common/outfile.c src/common/outfile.h \
	src/common/textfile.c src/common/textfile.h \
	src/common/hosts.c src/common/hosts.h \
	src/common/virt.c src/common/virt.h \
	src/common/agent.c src/common/agent.h \
	src/common/agent_reply.c src/common/agent_reply.h \
	src/common/plot.c src/common/plot.h \
	src/common/privs.c src/common/privs.h \
	src/common/app_pipeline.c src/common/app_pipeline.h \
	src/common/report_app.c src/common/report_app.h
