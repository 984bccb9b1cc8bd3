# Mean loss per epoch over five seeds (the spread is in the table):
# plain descent at rate 0.3, momentum 0.9 at 0.03 (the same effective
# rate 0.3), and momentum 0.9 at 0.1 (effective rate 1).  Data: descent
# --out, -momentum.dat; columns epoch, then mean, min, max of each.
set logscale y
set format y '$10^{%L}$'
set yrange [1e-3:1]
set xlabel 'epoch'
set ylabel 'mean loss'
set grid lc rgb '#dddddd'
set key top right samplen 2.5 opaque
f = data.'/descent-momentum.dat'
plot f using 1:2 with lines lw 3 lc rgb '#b03a2e' dt 1 title 'plain, $\eta = 0.3$', \
     f using 1:5 with lines lw 3 lc rgb '#2e8b57' dt (2, 3) title '$\mu = 0.9$, $\eta = 0.03$', \
     f using 1:8 with lines lw 3 lc rgb '#4a78b0' dt (8, 4) title '$\mu = 0.9$, $\eta = 0.1$'
