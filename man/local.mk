dist_man_MANS += man/migbench.1 man/migbench-lab.8 man/migbench-probe.1
dist_man_MANS += man/migbench-mkguest.8
dist_man_MANS += man/migbench-analyze.1
dist_man_MANS += man/migbench-snapio.1
dist_man_MANS += man/migbench-report.1
