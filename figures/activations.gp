# The activation functions and their derivatives, as act and act_prime
# compute them.  Data: forward --curves; column 1 is z, then A(z), A'(z)
# for identity, sigmoid, tanh, relu, leaky-relu.  The rectifiers'
# derivatives jump at z = 0: the point z = 0 is left out (NaN) so that no
# vertical line is drawn there.  LeakyReLU's negative part is drawn ten
# times larger, as the caption says.
set multiplot layout 1,2
set xrange [-4:4]
set xtics 2
set xlabel '$z$'
set grid lc rgb '#dddddd'
set key top left Left reverse samplen 2.5 spacing 1.1 opaque
f = data.'/activations.dat'
leak(z, v) = z > 0 ? v : 10*v
gap(z, v) = z == 0 ? NaN : v
set style line 1 lw 2 lc rgb '#888888' dt 1
set style line 2 lw 3 lc rgb '#4a78b0' dt 1
set style line 3 lw 3 lc rgb '#2e8b57' dt (8, 4)
set style line 4 lw 3 lc rgb '#b03a2e' dt (2, 3)
set style line 5 lw 2 lc rgb '#d08020' dt (12, 4, 2, 4)
set title '$\mathcal{A}(z)$'
set yrange [-2:3]
plot f using 1:2  with lines ls 1 title 'identity', \
     f using 1:4  with lines ls 2 title 'sigmoid', \
     f using 1:6  with lines ls 3 title 'tanh', \
     f using 1:8  with lines ls 4 title 'ReLU', \
     f using 1:(leak($1, $10)) with lines ls 5 title 'LeakyReLU'
set title "$\\mathcal{A}'(z)$"
set yrange [-0.1:1.3]
unset key
plot f using 1:3  with lines ls 1 title 'identity', \
     f using 1:5  with lines ls 2 title 'sigmoid', \
     f using 1:7  with lines ls 3 title 'tanh', \
     f using 1:(gap($1, $9)) with lines ls 4 title 'ReLU', \
     f using 1:(gap($1, leak($1, $11))) with lines ls 5 title 'LeakyReLU'
unset multiplot
