dist_man_MANS += man/migbench.1 man/migbench-lab.8
dist_man_MANS += man/migbench-mkguest.8
