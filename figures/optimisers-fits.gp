# The function the first seed's network computes after training with
# weight decay, with the biases spared (first column 0) and decayed too
# (1), and the function the targets scatter around.  Data: optimisers
# --fits; columns decay_bias, x, network output, 10 + sin 2x.
f = data.'/optimisers-fits.dat'
set xlabel 'input $x$'
set ylabel 'output'
set grid lc rgb '#dddddd'
set autoscale xfix
set yrange [7.4:12.4]
set key top center horizontal samplen 3
plot f using 2:($1 == 0 ? $4 : NaN) with lines lw 6 lc rgb '#cccccc' title 'mean of the targets', \
     f using 2:($1 == 0 ? $3 : NaN) with lines lw 3 lc rgb '#4a78b0' dt (8, 4) title 'biases spared', \
     f using 2:($1 == 1 ? $3 : NaN) with lines lw 3 lc rgb '#b03a2e' dt 1 title 'biases decayed too'
