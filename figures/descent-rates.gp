# Loss per epoch for four learning rates.  Data: descent --out; columns
# epoch, then one per rate (0.001, 0.01, 0.1, 1).  Left: the three rates
# that converge.  Right: rate 1 on an axis up to the largest double; an
# overflowed loss (inf) is marked by a cross on the top edge.
set multiplot
f = data.'/descent-rates.dat'
set grid lc rgb '#dddddd'
set logscale y
set xlabel 'epoch'
set size 0.64,1
set origin 0,0
set xtics 50
set yrange [1e-3:1]
set format y '$10^{%L}$'
set ylabel 'mean loss'
set key top right samplen 2.5 opaque
plot f using 1:2 with lines lw 3 lc rgb '#888888' dt (2, 3) title '$\eta = 0.001$', \
     f using 1:3 with lines lw 3 lc rgb '#4a78b0' dt (8, 4) title '$\eta = 0.01$', \
     f using 1:4 with lines lw 3 lc rgb '#2e8b57' dt 1 title '$\eta = 0.1$'
set size 0.36,1
set origin 0.64,0
set xrange [0:14]
set xtics 5
set yrange [1:1e308]
set ytics (1, 1e100, 1e200, 1e300)
set format y '$10^{%L}$'
unset ylabel
set key bottom right samplen 1.5 opaque
# gnuplot reads the program's "inf" as text: the first one is the overflow.
seen = 0
over(s) = s eq 'inf' && seen == 0 ? (seen = 1, 1e307) : NaN
plot f using 1:(strcol(5) eq 'inf' ? NaN : $5) with linespoints lw 3 pt 7 ps 0.5 lc rgb '#b03a2e' dt 1 title '$\eta = 1$', \
     f using 1:(over(strcol(5))) with points pt 2 ps 2 lw 4 lc rgb '#b03a2e' title 'overflow'
unset multiplot
