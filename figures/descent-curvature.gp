# The run from standard normal weights of descent-init.gp: its loss (top)
# and eta times the curvature lambda along the output layer's weights
# (bottom), before each epoch.  Data: descent --out, -curvature.dat;
# columns epoch, loss, eta lambda.
set multiplot layout 2,1
f = data.'/descent-curvature.dat'
set grid lc rgb '#dddddd'
set xrange [0:200]
set lmargin 10
set format x ''
set logscale y
set format y '$10^{%L}$'
set ylabel 'mean loss'
plot f using 1:2 with lines lw 3 lc rgb '#b03a2e' dt 1 notitle
unset logscale y
set format y '%.1f'
set format x '%g'
set yrange [0.8:2.2]
set ytics 0.5
set xlabel 'epoch'
set ylabel '$\eta\lambda$'
set key bottom right samplen 2.5 opaque
plot f using 1:3 with lines lw 3 lc rgb '#4a78b0' dt 1 title '$\eta\lambda$', \
     2 with lines lw 2 lc rgb '#444444' dt (8, 4) title 'limit $2$'
unset multiplot
