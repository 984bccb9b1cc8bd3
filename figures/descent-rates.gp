# Loss per epoch for four learning rates.  Data: descent --out; columns
# epoch, then one per rate (0.001, 0.01, 0.1, 1).
set logscale y
set yrange [1e-3:1e2]
set format y '$10^{%L}$'
set xlabel 'epoch'
set ylabel 'mean loss'
set grid lc rgb '#dddddd'
set key top right samplen 2.5
f = data.'/descent-rates.dat'
# A loss above the plot is drawn just below its top edge (the run
# diverged); an overflowed loss (inf) is not drawn, so the line ends there.
top(v) = v > 1e308 ? NaN : v > 60 ? 60 : v
plot f using 1:2 with lines lw 3 lc rgb '#888888' dt (2, 3) title '$\eta = 0.001$', \
     f using 1:3 with lines lw 3 lc rgb '#4a78b0' dt (8, 4) title '$\eta = 0.01$', \
     f using 1:4 with lines lw 3 lc rgb '#2e8b57' dt 1 title '$\eta = 0.1$', \
     f using 1:(top($5)) with lines lw 4 lc rgb '#b03a2e' dt (12, 4, 2, 4) title '$\eta = 1$'
