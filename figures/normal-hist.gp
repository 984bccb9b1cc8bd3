# A histogram of normal numbers from rng_normal against the N(0,1) density.
# Data: rng-demo --histogram (bin centre, density, N(0,1) density).
set xlabel '$x$'
set ylabel 'density'
set xrange [-4:4]
set yrange [0:0.45]
set xtics 1
set ytics 0.1
set key top right
set style fill solid 0.35 noborder
set boxwidth 0.95 relative
plot data.'/normal-hist.dat' using 1:2 with boxes lc rgb '#4a78b0' title 'samples', \
     ''                      using 1:3 with lines lw 3 lc rgb '#b03a2e' title '$\varphi(x)$'
