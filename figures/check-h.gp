# The error of a numerical gradient against backpropagation, as a
# function of the step h.  Data: check-grad --errors; columns h, then for
# central differences (NaN below h = 1e-13) and for the complex step: the
# largest difference relative to the largest component, and the largest
# relative error.  The vertical line is epsilon^(1/3), epsilon = 2^-52;
# the complex step's curve ends at the library's step, h = 1e-20.
set logscale xy
set format x '$10^{%L}$'
set format y '$10^{%L}$'
set xrange [1e-20:0.1]
set yrange [1e-17:10]
set xtics 1e-19, 1000, 0.1
set ytics 1e-16, 1000, 1
set mxtics 1
set mytics 1
set xlabel 'step $h$'
set ylabel 'error'
set grid lc rgb '#dddddd'
set key at graph 0.02, graph 0.5 left center Left reverse samplen 4 spacing 1.3
f = data.'/check-h.dat'
eps3 = (2.0**-52)**(1.0/3)
set arrow 1 from eps3, 1e-17 to eps3, 10 nohead lw 1.5 lc rgb '#888888' dt (2, 3)
set label 1 '$\epsilon^{1/3}$' at eps3, 1e-2 offset 0.6, 0
set label 2 '$h = 10^{-20}$' at 1e-20, 1e-15 offset 0.5, 0.8 left
# Each curve differs from the others in its dash pattern and its points as
# well as its colour, so that the figure reads in greyscale too.
set style line 1 lw 4 lc rgb '#4a78b0' dt 1 pt 7 ps 0.5
set style line 2 lw 3 lc rgb '#7b4fa0' dt (6, 4) pt 6 ps 0.6 pi 4
set style line 3 lw 3 lc rgb '#b03a2e' dt (16, 6) pt 4 ps 0.6 pi 4
plot f using 1:2 with linespoints ls 1 title 'central differences', \
     f using 1:3 with linespoints ls 2 title 'the same, largest $r$', \
     f using 1:4 with linespoints ls 3 title 'complex step'
