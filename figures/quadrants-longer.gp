# The quadrants task with more samples: the mean validation accuracy of
# the 2-8-2 LeakyReLU network (least squares) over five seeds, after
# every block of training samples, at the three rates of the table.
# Data: quadrants --curves; columns samples seen, then the mean accuracy
# at the rates 0.05, 0.01 and 0.002.
f = data.'/quadrants-longer.dat'
set logscale x
set format x '$10^{%L}$'
set xrange [1e4:1e6]
set yrange [70:100]
set ytics 5
set xlabel 'training samples seen'
set ylabel 'validation accuracy (\%)'
set grid lc rgb '#dddddd'
set key bottom right samplen 3 spacing 1.2
set style line 1 lw 2 lc rgb '#b03a2e' dt (2, 3)
set style line 2 lw 3 lc rgb '#4a78b0' dt 1
set style line 3 lw 2 lc rgb '#2e8b57' dt (8, 4)
plot f using 1:(100*$2) with lines ls 1 title '$\eta = 0.05$', \
     f using 1:(100*$3) with lines ls 2 title '$\eta = 0.01$', \
     f using 1:(100*$4) with lines ls 3 title '$\eta = 0.002$'
