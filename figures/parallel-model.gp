# The time of a data-parallel step against the number of machines
# (chapter 23): the compute measured on one rank divided by p, for the
# book's batch and a batch 64 times larger; the ring allreduce and the
# book's exchange on the modelled network; the steps (compute + ring)
# of the two batches; and the steps measured on this machine's ranks.
# Data: mpi-fashion --summarize --figure, two blocks: the model (p,
# compute, compute of the large batch, ring, tree, step, step of the
# large batch, in ms; a header row names the batches) and the measured
# steps (ranks, ms).
set logscale xy 2
set format y '$%g$'
set xrange [0.9:72]
set xtics (1, 2, 4, 8, 16, 32, 64)
set xlabel 'machines $p$'
set ylabel 'ms a step'
set grid lc rgb '#dddddd'
set key outside right top Left reverse samplen 3 spacing 1.2 width -2
f = data.'/parallel-model.dat'
plot f index 0 using 1:2 with lines lw 3 lc rgb '#4a78b0' title columnheader(2), \
     f index 0 using 1:3 with lines lw 3 lc rgb '#4a78b0' dt (2, 3) title columnheader(3), \
     f index 0 using 1:4 with lines lw 3 lc rgb '#c0504d' title 'ring allreduce', \
     f index 0 using 1:5 with lines lw 3 lc rgb '#e8a33d' dt (10, 4) title 'book''s exchange', \
     f index 0 using 1:6 with lines lw 5 lc rgb '#222222' dt (1, 0) title columnheader(6), \
     f index 0 using 1:7 with lines lw 5 lc rgb '#888888' dt (6, 3) title columnheader(7), \
     f index 1 using 1:2 with points pt 7 ps 1.3 lc rgb '#000000' title 'ranks on this machine'
