# The loss per step on the valley of descent-valley.gp for plain descent at
# its best rate, momentum 0.9 at the same effective rate, and momentum
# tuned to the valley.  Data: descent --out, -valley.dat, index 3; columns
# step, then the three losses.
f = data.'/descent-valley.dat'
set logscale y
set format y '$10^{%L}$'
set yrange [1e-8:1e4]
set xrange [0:400]
set xlabel 'step $t$'
set ylabel 'loss'
set grid lc rgb '#dddddd'
set key top right samplen 2.5 opaque
plot f index 3 using 1:2 with lines lw 3 lc rgb '#b03a2e' dt 1 title 'plain', \
     f index 3 using 1:3 with lines lw 3 lc rgb '#2e8b57' dt (2, 3) title 'momentum $0.9$, same effective rate', \
     f index 3 using 1:4 with lines lw 3 lc rgb '#4a78b0' dt (8, 4) title 'tuned momentum'
