# Overfitting and early stopping: training and validation loss of the
# network trained on a small training set.  Data: clusters --overfit;
# block 0 steps, training loss, validation loss; block 1 the best step.
f = data.'/clusters-overfit.dat'
set xlabel 'full-batch step'
set ylabel 'mean cross-entropy'
set grid lc rgb '#dddddd'
set logscale x
stats f index 0 using 1 nooutput
set xrange [1:STATS_max]
set xtics add (sprintf('$%d$', int(STATS_max)) STATS_max)
set format x '$10^{%L}$'
set key top left samplen 3
plot f index 0 using 1:2 with lines lw 3 lc rgb '#4a78b0' dt 1 title 'training', \
     f index 0 using 1:3 with lines lw 3 lc rgb '#b03a2e' dt (8, 4) title 'validation', \
     f index 1 using 1:3 with points pt 7 ps 1.5 lc rgb '#000000' title 'lowest validation loss'
