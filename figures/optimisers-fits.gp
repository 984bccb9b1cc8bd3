# The function the first seed's network computes after training with
# weight decay, with the biases spared (block 0) and decayed too (block
# 1), and the function the targets scatter around.  Data: optimisers
# --fits; columns block, x, network output, 10 + sin 2x.
f = data.'/optimisers-fits.dat'
set xlabel 'input $x$'
set ylabel 'output'
set grid lc rgb '#dddddd'
set autoscale xfix
set key bottom center horizontal samplen 3
plot f index 0 using 2:4 with lines lw 6 lc rgb '#cccccc' title '$10 + \sin 2x$', \
     f index 0 using 2:3 with lines lw 3 lc rgb '#4a78b0' dt (8, 4) title 'biases spared', \
     f index 1 using 2:3 with lines lw 3 lc rgb '#b03a2e' dt 1 title 'biases decayed too'
