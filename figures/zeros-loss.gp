# Learning to output zeros: the mean loss over the evaluation samples
# after every block of training samples, at three learning rates.
# Data: zeros --curve; columns samples seen, then the mean loss at the
# rates eta/10, eta and 10 eta.  The y range reaches a factor of three
# past the lowest and highest values, so no curve runs along a frame.
f = data.'/zeros-loss.dat'
stats f using 2 nooutput name 'A'
stats f using 3 nooutput name 'B'
stats f using 4 nooutput name 'C'
lo = A_min < B_min ? A_min : B_min
lo = C_min < lo ? C_min : lo
hi = A_max > B_max ? A_max : B_max
hi = C_max > hi ? C_max : hi
set logscale xy
set yrange [lo / 3 : hi * 3]
set format x '$10^{%L}$'
set format y '$10^{%L}$'
set xlabel 'training samples seen'
set ylabel 'mean evaluation loss'
set grid lc rgb '#dddddd'
set key top right samplen 3 spacing 1.2
set style line 1 lw 2 lc rgb '#2e8b57' dt (8, 4)
set style line 2 lw 3 lc rgb '#4a78b0' dt 1
set style line 3 lw 2 lc rgb '#b03a2e' dt (2, 3)
plot f using 1:2 with lines ls 1 title '$\eta/10$', \
     f using 1:3 with lines ls 2 title '$\eta$', \
     f using 1:4 with lines ls 3 title '$10\eta$'
