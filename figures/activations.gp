# The activation functions and their derivatives, as act and act_prime
# compute them.  Data: forward --curves; column 1 is z, then A(z), A'(z)
# for identity, sigmoid, tanh, relu, leaky-relu.
set multiplot layout 1,2
set xrange [-4:4]
set xtics 2
set xlabel '$z$'
set grid lc rgb '#dddddd'
set key top left Left reverse samplen 1.5 spacing 1.1 opaque
f = data.'/activations.dat'
set title '$\mathcal{A}(z)$'
set yrange [-2:3]
plot f using 1:2  with lines lw 2 lc rgb '#888888' title 'identity', \
     f using 1:4  with lines lw 3 lc rgb '#4a78b0' title 'sigmoid', \
     f using 1:6  with lines lw 3 lc rgb '#2e8b57' title 'tanh', \
     f using 1:8  with lines lw 3 lc rgb '#b03a2e' title 'ReLU', \
     f using 1:($1 > 0 ? $10 : 10*$10) with lines lw 2 dt 2 lc rgb '#d08020' title 'LeakyReLU'
set title "$\\mathcal{A}'(z)$"
set yrange [-0.1:1.2]
unset key
plot f using 1:3  with lines lw 2 lc rgb '#888888', \
     f using 1:5  with lines lw 3 lc rgb '#4a78b0', \
     f using 1:7  with lines lw 3 lc rgb '#2e8b57', \
     f using 1:9  with lines lw 3 lc rgb '#b03a2e', \
     f using 1:($1 > 0 ? $11 : 10*$11) with lines lw 2 dt 2 lc rgb '#d08020'
unset multiplot
