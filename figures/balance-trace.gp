# The cart's position and the pole's angle along the filmed episode of
# seed 1 after training (solid), and before training (dashed), every step.
# Data: balance --episode; block 0 before training, block 1 after; columns
# step, time (s), x (m), theta (rad), x_dot, theta_dot.
f = data.'/balance-episode-A.dat'
set xrange [0:10]
set grid lc rgb '#dddddd'
set key top right box opaque samplen 3 spacing 1.1
set style line 1 lw 2.5 lc rgb 'black'
set style line 2 lw 2.5 lc rgb '#808080' dt (6, 4)
set multiplot layout 2, 1
set lmargin 9
set format x ''
set ylabel '$x$ (m)'
set yrange [-0.5:0.5]
set ytics 0.25
plot f index 1 using 2:3 with lines ls 1 title 'after training', \
     f index 0 using 2:3 with lines ls 2 title 'before training'
set format x '%g'
set xlabel 'time (s)'
set ylabel '$\theta$ (degrees)'
set yrange [-12:12]
set ytics 4
unset key
plot f index 1 using 2:($4 * 180 / pi) with lines ls 1, \
     f index 0 using 2:($4 * 180 / pi) with lines ls 2
unset multiplot
