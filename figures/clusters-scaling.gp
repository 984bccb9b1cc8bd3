# Training loss of the logistic node on raw, scaled and standardised
# inputs, each at the rate the validation set chose.  Data: clusters
# --scale-curves; columns steps, raw, scaled, standardised.
f = data.'/clusters-scaling.dat'
set xlabel 'full-batch steps'
set ylabel 'mean cross-entropy'
set grid lc rgb '#dddddd'
set logscale x
set xrange [1:1000]
set format x '$10^{%L}$'
set yrange [0:0.7]
set key top right samplen 3
plot f using ($1 > 0 ? $1 : 1/0):3 with lines lw 3 lc rgb '#b03a2e' dt (8, 4) title 'scaled', \
     f using ($1 > 0 ? $1 : 1/0):2 with lines lw 3 lc rgb '#4a78b0' dt 1 title 'raw', \
     f using ($1 > 0 ? $1 : 1/0):4 with lines lw 3 lc rgb '#333333' dt (2, 3) title 'standardised'
