# Loss and output error of a sigmoid output with target 1, for binary
# cross-entropy and for least squares.  Data: losses --curves; columns z,
# BCE loss, BCE error, squared loss, squared error.  The losses are drawn
# on a logarithmic axis: on a linear one, least squares, which never
# exceeds 1/2, would lie flat along the bottom next to the cross-entropy,
# which grows like -z.
set multiplot layout 1,2 spacing 0.1, 0
set xrange [-10:10]
set xtics 5
set xlabel '$z$'
set grid lc rgb '#dddddd'
f = data.'/loss-error.dat'
set style line 1 lw 3 lc rgb '#4a78b0' dt 1
set style line 2 lw 4 lc rgb '#b03a2e' dt (4, 3)
set title 'loss $\mathcal L$ (logarithmic axis)'
set key bottom left Left reverse samplen 3 opaque
set logscale y
set format y '$10^{%L}$'
set yrange [1e-9:100]
set ytics 1e-8, 100, 100
plot f using 1:2 with lines ls 1 title 'cross-entropy', \
     f using 1:4 with lines ls 2 title 'least squares'
set title 'output error $\delta = \partial\mathcal L/\partial z$'
unset logscale y
set format y '%g'
set yrange [-1.1:0.1]
set ytics autofreq
set key at graph 0.98, graph 0.22 right center Left reverse samplen 2 width -1 noopaque
plot f using 1:3 with lines ls 1 title 'cross-entropy', \
     f using 1:5 with lines ls 2 title 'least squares'
unset multiplot
