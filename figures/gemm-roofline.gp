# The roofline of the machine that built the book (chapter 16): the rate a
# computation can reach, min(peak, intensity * bandwidth), for float on 1
# and 2 threads and double on 1; the measured epochs of the paths at
# their intensities; the intensities of the three products of a batch.
# Data: gemm-bench --roofline; index 0 the ceilings (intensity, three
# rates), index 1 the paths (intensity, GFLOP/s, name), index 2 the
# products (intensity, name).  Measured during the build.
set logscale xy
set format x '$10^{%L}$'
set format y '$10^{%L}$'
set xrange [0.01:100]
set yrange [0.5:400]
set xlabel 'arithmetic intensity (operations a byte)'
set ylabel 'GFLOP/s'
set grid lc rgb '#dddddd'
set key top left samplen 3 spacing 1.1 opaque
f = data.'/gemm-roofline.dat'
set style line 1 lw 3 lc rgb '#4a78b0' dt 1
set style line 2 lw 3 lc rgb '#4a78b0' dt (8, 4)
set style line 3 lw 3 lc rgb '#666666' dt (3, 3)
set style line 4 lc rgb '#b03a2e' pt 7 ps 0.9
set style line 5 lc rgb '#333333' pt 9 ps 1.1
plot f index 0 using 1:2 with lines ls 1 title 'float, 1 thread', \
     f index 0 using 1:3 with lines ls 2 title 'float, 2 threads', \
     f index 0 using 1:4 with lines ls 3 title 'double, 1 thread', \
     f index 1 using 1:2 with points ls 4 notitle, \
     f index 1 using 1:2:3 with labels left offset 0.6, 0 font ',7' notitle, \
     f index 2 using 1:(0.7) with points ls 5 notitle, \
     f index 2 using 1:(0.7):2 with labels rotate by 90 left offset 0, 0.8 font ',7' notitle
