# probes/: things that watch from outside; probes/guest/: programs for the lab guest.
