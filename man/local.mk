dist_man_MANS += man/migbench-probe.1
