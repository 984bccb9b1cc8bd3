# Loss and output error of a sigmoid output with target 1, for binary
# cross-entropy and for least squares.  Data: losses --curves; columns z,
# BCE loss, BCE error, squared loss, squared error.
set multiplot layout 1,2
set xrange [-10:10]
set xtics 5
set xlabel '$z$'
set grid lc rgb '#dddddd'
f = data.'/loss-error.dat'
set style line 1 lw 3 lc rgb '#4a78b0' dt 1
set style line 2 lw 3 lc rgb '#b03a2e' dt (8, 4)
set title 'loss $\mathcal L$'
set key top right samplen 2.5
set yrange [0:11]
plot f using 1:2 with lines ls 1 title 'cross-entropy', \
     f using 1:4 with lines ls 2 title 'least squares'
set title 'output error $\delta = \partial\mathcal L/\partial z$'
set yrange [-1.1:0.1]
unset key
plot f using 1:3 with lines ls 1, \
     f using 1:5 with lines ls 2
unset multiplot
