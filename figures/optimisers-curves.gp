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
set style line 1 lw 3 lc rgb '#888888' dt (2, 3)
set style line 2 lw 3 lc rgb '#4a78b0' dt (8, 4)
set style line 3 lw 3 lc rgb '#2e8b57' dt (12, 4, 2, 4)
set style line 4 lw 3 lc rgb '#b8860b' dt (4, 2)
set style line 5 lw 3 lc rgb '#b03a2e' dt 1
plot f using 1:2 with lines ls 1 title 'gradient descent', \
     f using 1:3 with lines ls 2 title 'momentum', \
     f using 1:4 with lines ls 3 title 'AdaGrad', \
     f using 1:5 with lines ls 4 title 'RMSProp', \
     f using 1:6 with lines ls 5 title 'Adam'
