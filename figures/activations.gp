# The activation functions and their derivatives, as act and act_prime
# compute them.  Data: forward --curves; column 1 is z, then A(z), A'(z)
# for identity, sigmoid, tanh, relu, leaky-relu.  The rectifiers'
# derivatives jump at z = 0: the point z = 0 is left out (NaN) so that no
# vertical line is drawn there.  LeakyReLU's negative part is drawn ten
# times larger, and its key says so.  The two panels use the same line
# styles, and one key below them, a plot of its own as wide as the
# figure, serves both.
set multiplot
set xrange [-4:4]
set xtics 2
set xlabel '$z$' offset 0, 0.3
set grid lc rgb '#dddddd'
unset key
f = data.'/activations.dat'
leak(z, v) = z > 0 ? v : 10*v
gap(z, v) = z == 0 ? NaN : v
set style line 1 lw 2 lc rgb '#888888' dt 1
set style line 2 lw 3 lc rgb '#4a78b0' dt 1
set style line 3 lw 3 lc rgb '#2e8b57' dt (8, 4)
set style line 4 lw 4 lc rgb '#b03a2e' dt (2, 3)
set style line 5 lw 3 lc rgb '#d08020' dt (12, 4, 2, 4)
set size 0.5, 0.88
set origin 0, 0.12
set title '$\mathcal{A}(z)$' offset 0, -0.5
set yrange [-2:3]
plot f using 1:2  with lines ls 1, \
     f using 1:4  with lines ls 2, \
     f using 1:6  with lines ls 3, \
     f using 1:8  with lines ls 4, \
     f using 1:(leak($1, $10)) with lines ls 5
set origin 0.5, 0.12
set title "$\\mathcal{A}'(z)$"
set yrange [-0.1:1.3]
plot f using 1:3  with lines ls 1, \
     f using 1:5  with lines ls 2, \
     f using 1:7  with lines ls 3, \
     f using 1:(gap($1, $9)) with lines ls 4, \
     f using 1:(gap($1, leak($1, $11))) with lines ls 5
# The key, one row below both panels: a sample of each line style and its
# name, placed by hand (gnuplot's key would give every entry the width of
# the longest).
set key off
unset border
unset tics
unset grid
unset title
unset xlabel
set xrange [0:1]
set yrange [0:1]
set margins 0, 0, 0, 0
x0(i) = word('0.02 0.18 0.34 0.46 0.60', i) + 0
do for [i = 1:5] {
    set arrow i from screen x0(i), 0.045 to screen x0(i) + 0.045, 0.045 nohead ls i
}
set label 1 'identity' at screen x0(1) + 0.055, 0.045 left
set label 2 'sigmoid' at screen x0(2) + 0.055, 0.045 left
set label 3 '$\tanh$' at screen x0(3) + 0.055, 0.045 left
set label 4 'ReLU' at screen x0(4) + 0.055, 0.045 left
set label 5 'LeakyReLU (leak drawn $\times10$)' at screen x0(5) + 0.055, 0.045 left
plot NaN notitle
unset multiplot
