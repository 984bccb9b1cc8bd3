# The first steps of plain gradient descent and of tuned momentum on the
# valley L = (w1^2 + 100 w2^2)/2, over its contours.  Data: descent --out,
# -valley.dat; index 0 the contours (w1, w2), index 1 the path of plain
# descent, index 2 that of momentum, both from (-10, 1).
f = data.'/descent-valley.dat'
set xrange [-10.8:1.2]
set yrange [-4:4]
set xtics 2
set ytics 1
set xlabel '$w_1$'
set ylabel '$w_2$'
set key bottom right samplen 2.5 opaque box lw 0.5 width 1
set style line 1 lw 1 lc rgb '#aaaaaa' dt 1
set style line 2 lw 2 lc rgb '#b03a2e' dt 1 pt 7 ps 0.35
set style line 3 lw 3 lc rgb '#4a78b0' dt (8, 4)
plot f index 0 using 1:2 with lines ls 1 notitle, \
     f index 1 every ::0::40 using 1:2 with linespoints ls 2 title 'plain, 40 steps', \
     f index 2 every ::0::40 using 1:2 with lines ls 3 title 'momentum, 40 steps'
