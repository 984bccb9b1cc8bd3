# The decision boundary of the 2-2-2-1 classifier.  Data: classifier
# --grid (x1, x2, probability of class 1, log-odds of the Bayes rule; a
# blank line after each row of the grid) and --points (x1, x2, class).
# The contours are computed by gnuplot from the grid into datablocks.
g = data.'/boundary-grid.dat'
pts = data.'/boundary-points.dat'
set view map
set contour base
unset surface
set cntrparam linear
set cntrparam levels discrete 0.5
set table $net
splot g using 1:2:3
unset table
set cntrparam levels discrete 0
set table $bayes
splot g using 1:2:4
unset table
unset contour
set size ratio -1
set xrange [-4:4]
set yrange [-4:4]
set xtics 2
set ytics 2
set xlabel '$x_1$'
set ylabel '$x_2$'
set cbrange [0:1]
set cbtics 0.5
# The colour bar is placed by hand, so that its label can sit above it.
set colorbox user origin graph 1.04, graph 0 size graph 0.05, graph 1
set label 1 '$p$' at graph 1.065, graph 1.05 center
# One hue from white to a mid blue: the shading darkens with p, in grey
# too, and black markers read on every shade.
set palette defined (0 '#ffffff', 1 '#6f8fb8')
set key outside right top Left reverse samplen 3 spacing 1.3
plot g using 1:2:3 with image notitle, \
     $net using 1:2 with lines lw 3 lc rgb '#000000' dt 1 title '$p = \frac12$', \
     $bayes using 1:2 with lines lw 3 lc rgb '#000000' dt (3, 3) title 'Bayes', \
     pts using 1:($3 == 0 ? $2 : 1/0) with points pt 6 ps 0.9 lw 1.5 lc rgb '#000000' title 'class 0', \
     pts using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 0.9 lc rgb '#000000' title 'class 1'
