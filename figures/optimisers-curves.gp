# Validation loss per epoch on the regression task, each step rule at the
# rate chosen for it on the validation set, averaged over the seeds.
# Data: optimisers --curves; columns epoch, then gradient descent,
# momentum, AdaGrad, RMSProp, Adam.
f = data.'/optimisers-curves.dat'
set logscale y
set yrange [0.004:0.3]
set format y '$10^{%L}$'
set xlabel 'epoch'
set ylabel 'validation loss'
set grid lc rgb '#dddddd'
set autoscale xfix
set key top right samplen 3
# Dash types and, every twelve epochs (offset so that they do not
# coincide), point types tell the rules apart in grey.
set style line 1 lw 3 lc rgb '#888888' dt (1, 3) pt 1 ps 1.2
set style line 2 lw 3 lc rgb '#4a78b0' dt (8, 4) pt 2 ps 1.2
set style line 3 lw 3 lc rgb '#2e8b57' dt (12, 4, 2, 4) pt 4 ps 1.2
set style line 4 lw 3 lc rgb '#b8860b' dt (3, 3) pt 6 ps 1.2
set style line 5 lw 3 lc rgb '#b03a2e' dt 1 pt 7 ps 1.2
array rule[5] = ['gradient descent', 'momentum', 'AdaGrad', 'RMSProp', 'Adam']
plot for [u = 1:5] f using 1:(column(u + 1)) with lines ls u notitle, \
     for [u = 1:5] f using 1:(column(u + 1)) every 12::(2 * u) \
         with points ls u notitle, \
     for [u = 1:5] NaN with linespoints ls u title rule[u]
