# The plane of the two informative features: the network of the
# learning curves (p = 1/2, solid), the Bayes rule (log-odds 0, dashed)
# and the validation samples.  Data: clusters --plane; block 0 the grid
# (x1, x2, p, log-odds; a blank line after each row), block 1 the samples
# (x1, x2, class).  The contours are computed by gnuplot into datablocks.
g = data.'/clusters-plane.dat'
set view map
set contour base
unset surface
set cntrparam linear
set cntrparam levels discrete 0.5
set table $net
splot g index 0 using 1:2:3
unset table
set cntrparam levels discrete 0
set table $bayes
splot g index 0 using 1:2:4
unset table
unset contour
set size ratio -1
set xrange [-4:4]
set yrange [-4:4]
set xtics 2
set ytics 2
set xlabel '$x_1$'
set ylabel '$x_2$'
set key outside right top Left reverse samplen 3 spacing 1.3
plot $net using 1:2 with lines lw 4 lc rgb '#888888' dt 1 title '$p = \frac12$', \
     $bayes using 1:2 with lines lw 2 lc rgb '#000000' dt (6, 3) title 'Bayes', \
     g index 1 using 1:($3 == 0 ? $2 : 1/0) with points pt 6 ps 0.8 lc rgb '#4a78b0' title 'class 0', \
     g index 1 using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 0.8 lc rgb '#b03a2e' title 'class 1'
