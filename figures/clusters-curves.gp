# Learning curves of the 4-6-4-3-1 network on clustered data.  Data:
# clusters --curves; columns epoch, train loss, validation loss, train
# accuracy, validation accuracy, the Bayes rule's validation accuracy.
set multiplot layout 1,2
f = data.'/clusters-curves.dat'
set xlabel 'full-batch step'
set grid lc rgb '#dddddd'
set style line 1 lw 3 lc rgb '#4a78b0' dt 1
set style line 2 lw 3 lc rgb '#b03a2e' dt (8, 4)
set style line 3 lw 3 lc rgb '#000000' dt (2, 4)
set title 'mean cross-entropy'
set logscale x
stats f using 1 nooutput
set xrange [1:STATS_max]
set xtics add (sprintf('$%d$', int(STATS_max)) STATS_max)
set format x '$10^{%L}$'
set key bottom left samplen 2.5
plot f using 1:2 with lines ls 1 title 'training', \
     f using 1:3 with lines ls 2 title 'validation'
set title 'accuracy'
set yrange [0.5:1.02]
set key bottom right
plot f using 1:4 with lines ls 1 title 'training', \
     f using 1:5 with lines ls 2 title 'validation', \
     f using 1:6 with lines ls 3 title 'Bayes rule'
unset multiplot
