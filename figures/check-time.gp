# Seconds for one forward pass, one gradient by backpropagation and one by
# central differences, against the number of weights of n-n-n-1 networks.
# Data: check-grad --timing; columns n, weights, forward, backpropagation,
# differences.  Measured during the build: the numbers change, the slopes
# do not.
set logscale xy
set format x '$10^{%L}$'
set format y '$10^{%L}$'
set xlabel 'number of weights $N_w$'
set ylabel 'seconds'
set grid lc rgb '#dddddd'
set key top left samplen 4 spacing 1.1 opaque
# Room below the lowest point, so that it does not sit on the axis.
set offsets 0, 0, graph 0.05, graph 0.05
f = data.'/check-time.dat'
set style line 1 lw 3 lc rgb '#666666' dt (6, 4) pt 9 ps 0.8
set style line 2 lw 3 lc rgb '#4a78b0' dt 1 pt 7 ps 0.8
set style line 3 lw 3 lc rgb '#b03a2e' dt (16, 6) pt 5 ps 0.8
plot f using 2:3 with linespoints ls 1 title 'one forward pass', \
     f using 2:4 with linespoints ls 2 title 'backpropagation', \
     f using 2:5 with linespoints ls 3 title 'central differences'
