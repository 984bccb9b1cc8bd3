# Validation loss against the weight decay lambda, on the regression raised by
# 10, with the biases spared and with them decayed too; mean and standard
# deviation over the seeds.  The first row, lambda = 0, is the horizontal
# line.  Data: optimisers --bias; columns lambda, spared mean, sd,
# decayed mean, sd, spared offset, decayed offset.
f = data.'/optimisers-decay.dat'
stats f every ::0::0 using 2 nooutput
none = STATS_min
set logscale xy
set format x '$10^{%L}$'
set format y '$%g$'
set xrange [0.0002:0.045]
set xlabel 'weight decay $\lambda$'
set ylabel 'validation loss'
set yrange [0.02:0.6]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5)
set grid lc rgb '#dddddd'
set key top left samplen 3
plot none with lines lw 2 lc rgb '#888888' dt (2, 3) title 'no decay', \
     f using ($1 > 0 ? $1 : NaN):2:3 with yerrorlines lw 3 lc rgb '#4a78b0' dt (8, 4) pt 6 ps 1 title 'biases spared', \
     f using ($1 > 0 ? $1 : NaN):4:5 with yerrorlines lw 3 lc rgb '#b03a2e' dt 1 pt 7 ps 1 title 'biases decayed too'
