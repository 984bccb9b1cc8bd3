# How much of a change the hidden nodes of the 784-100-50-10-5 sigmoid
# network pass on, for the two initialisations.  Data: forward --slopes;
# columns: bin centre of A'(z)/A'(0) (20 bins), percentage of the hidden
# nodes in the bin with fan-in scaled weights, with standard normal
# weights.  The two bars of a bin stand side by side.
f = data.'/forward-slopes.dat'
bw = 0.05
set xrange [0:1]
set yrange [0:80]
set xtics 0.1
set ytics 10
set xlabel "slope of a hidden node relative to the largest, $\\mathcal{A}'(z)/\\mathcal{A}'(0)$"
set ylabel 'hidden nodes (\%)'
set grid ytics lc rgb '#dddddd'
set key top center Left reverse samplen 2 spacing 1.2
set boxwidth bw * 0.45 absolute
set style fill solid 1.0 border rgb '#000000'
plot f using ($1 - bw * 0.23):3 with boxes lc rgb '#b03a2e' \
         fill pattern 4 title 'standard normal weights', \
     f using ($1 + bw * 0.23):2 with boxes lc rgb '#2f4f7f' \
         fill solid 0.9 title 'fan-in scaled weights~\eqref{eq:init}'
