# The roofline of the machine that built the book (chapter 17): the rate a
# computation can reach, min(peak, intensity * bandwidth), for float on 1
# and 2 threads and double on 1; the measured epochs of the paths at
# their intensities; the intensities of the three products of a batch.
# Data: gemm-bench --roofline, three blocks: the ceilings (intensity,
# three rates), the paths (intensity, GFLOP/s, name), the products
# (intensity, name).  Measured during the build.  A row is told by its
# shape, not by its block's index, which needs two blank lines between
# blocks: a ceiling has a 4th number, a product a name in column 2.
set logscale xy
set format x '$10^{%L}$'
set format y '$10^{%L}$'
set xrange [0.01:100]
set yrange [0.5:400]
set xlabel 'arithmetic intensity (operations a byte)'
set ylabel 'GFLOP/s'
set grid lc rgb '#dddddd'
# The key under the plot, on the figure rather than under the plot alone
# (it is wider than the plot): two columns of four in small type, in the
# bottom 30 % of the figure (the Makefile makes it 9.5 cm high).  gnuplot
# guesses the width of LaTeX's text too wide, hence the centre left of 0.5
# and the negative width; what passes the figure's edge is cut off in the
# web edition's SVG.
set bmargin at screen 0.3
set key at screen 0.46, screen 0.17 center top Left reverse vertical maxrows 4 \
    samplen 1.8 spacing 1.05 width -12
f = data.'/gemm-roofline.dat'
set style line 1 lw 3 lc rgb '#4a78b0' dt 1
set style line 2 lw 3 lc rgb '#4a78b0' dt (8, 4)
set style line 3 lw 3 lc rgb '#666666' dt (3, 3)
set style line 5 lc rgb '#333333' pt 9 ps 1.1
# The paths' points differ in shape, open so that points of one intensity
# show through each other, and are named in the key: labels beside them
# would overlap when two paths run at nearly the same rate.  A first pass
# over the data collects the paths and the products.
array shape[6] = [6, 4, 8, 10, 12, 14]
array px[20]
array py[20]
array pname[20]
array qx[20]
array qname[20]
paths = 0
products = 0
path(x, y, n) = (paths = paths + 1, px[paths] = x, py[paths] = y, \
                 pname[paths] = n, 0)
product(x, n) = (products = products + 1, qx[products] = x, \
                 qname[products] = n, 0)
set table $discard
plot f using 1:(valid(4) ? 0 : valid(2) ? path($1, $2, strcol(3)) \
                                        : product($1, strcol(2))) with table
unset table
# The marks of the products at the bottom, each named upwards; a product
# of the same intensity as an earlier one (the forward product and the
# gradient's always are) has its name a little to the right.
do for [i = 1:products] {
    k = 0
    do for [j = 1:i - 1] { k = k + (qx[j] == qx[i]) }
    set label i '\footnotesize '.qname[i] at qx[i] * 1.4**k, 0.7 \
        rotate by 90 left offset 0, 0.8
}
ceiling(c) = valid(4) ? column(c) : NaN
small = '\footnotesize '   # the key's titles
plot f using 1:(ceiling(2)) with lines ls 1 title small.'float, 1 thread', \
     f using 1:(ceiling(3)) with lines ls 2 title small.'float, 2 threads', \
     f using 1:(ceiling(4)) with lines ls 3 title small.'double, 1 thread', \
     for [i = 1:paths] '+' using (px[i]):(py[i]) every ::0::0 \
       with points lw 2 lc rgb '#b03a2e' pt shape[(i - 1) % 6 + 1] ps 1.2 \
       title small.pname[i], \
     for [i = 1:products] '+' using (qx[i]):(0.7) every ::0::0 \
       with points ls 5 notitle
