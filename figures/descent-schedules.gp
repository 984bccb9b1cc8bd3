# Four schedules of the learning rate from 0.3: the rate of each epoch
# (left) and the mean loss over five seeds (right).  Data: descent --out,
# -schedules.dat; columns epoch, the four rates, the four mean losses.
set multiplot layout 1,2
f = data.'/descent-schedules.dat'
set grid lc rgb '#dddddd'
set xlabel 'epoch'
set xtics 50
set style line 1 lw 3 lc rgb '#888888' dt 1
set style line 2 lw 3 lc rgb '#b03a2e' dt (8, 4)
set style line 3 lw 3 lc rgb '#2e8b57' dt (2, 3)
set style line 4 lw 3 lc rgb '#4a78b0' dt (12, 4, 2, 4)
set ylabel 'rate $\eta_e$'
set yrange [0:0.45]
set key top right samplen 2.5 opaque
plot f using 1:2 with lines ls 1 title 'constant', \
     f using 1:3 with lines ls 2 title 'steps', \
     f using 1:4 with lines ls 3 title '$1/t$', \
     f using 1:5 with lines ls 4 title 'linear'
set logscale y
set format y '$10^{%L}$'
set yrange [2e-3:0.3]
set ylabel 'mean loss'
unset key
plot f using 1:6 with lines ls 1, \
     f using 1:7 with lines ls 2, \
     f using 1:8 with lines ls 3, \
     f using 1:9 with lines ls 4
unset multiplot
