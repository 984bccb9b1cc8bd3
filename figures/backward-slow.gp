# What makes a weight learn slowly: the input of the example scaled by s.
# The weight w^(1)_21 from input 1 into hidden node 2 has the gradient
# slope of node 2 times w^(2)_12 times the sender's value: the sender grows
# with s, the slope falls as the node saturates.  Data: backward --scales;
# columns s, |l^(1)_1|, A'(z^(2)_1), A'(z^(2)_2), |dz/dw^(1)_11|,
# |dz/dw^(1)_21| (per unit of output error).  The sender is drawn up to
# 1.1 only, so that the key above it stays off the data.
set xrange [0:5]
set yrange [0:1.75]
set xtics 1
set ytics 0.25
set xlabel 'scale $s$ of the input $s\cdot(0.5, -1)$'
set grid lc rgb '#dddddd'
set key top right samplen 3 spacing 1.7
set ylabel 'factor, gradient'
f = data.'/backward-scales.dat'
set style line 1 lw 3 lc rgb '#2f4f6f' dt 1
set style line 2 lw 3 lc rgb '#4a78b0' dt (8, 4)
set style line 3 lw 3 lc rgb '#b03a2e' dt (2, 3)
plot f using 1:($2 <= 1.1 ? $2 : NaN) with lines ls 2 title 'sender $|l^{(1)}_1|$', \
     f using 1:4 with lines ls 3 title 'slope $\mathcal{A}_2^\prime(z^{(2)}_2)$', \
     f using 1:6 with lines ls 1 title 'gradient $|\partial z^{(3)}_1/\partial w^{(1)}_{21}|$'
