# analysis/: pure functions, no I/O, no libvirt.
