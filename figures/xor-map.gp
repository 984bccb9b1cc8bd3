# What the XOR network learned: its output over a square of inputs around
# the four samples, the line where the output is 1/2, the lines where a
# hidden node's pre-activation is 0, and the samples.  Data: xor --map;
# block 0 is the grid (x1, x2, output, z of hidden nodes 1 to 3, a blank
# line after each column), block 1 the samples (x1, x2, target).
f = data.'/xor-map.dat'
# The contour lines, computed by gnuplot from the grid into data blocks.
set view map
unset surface
set contour base
set cntrparam linear
set cntrparam levels discrete 0.5
set table $half
splot f index 0 using 1:2:3
unset table
set cntrparam levels discrete 0
set table $h1
splot f index 0 using 1:2:4
unset table
set table $h2
splot f index 0 using 1:2:5
unset table
set table $h3
splot f index 0 using 1:2:6
unset table
unset contour
set size ratio -1
set xrange [-0.5:1.5]
set yrange [-0.5:1.5]
set xtics 0.5
set ytics 0.5
set xlabel '$x_1$'
set ylabel '$x_2$'
set cbrange [0:1]
set cbtics 0.25
set cblabel 'output $l^{(3)}_1$'
# White for 0, dark for 1: it reads the same in grey.
set palette defined (0 '#ffffff', 1 '#2f4f7f')
set key off
set style line 1 lw 4 lc rgb '#000000' dt 1
set style line 2 lw 3.5 lc rgb '#e06000' dt (5, 3)
# The samples: a target of 1 is a white square, which shows on the dark
# side of the boundary; a target of 0 a black disc, on the light side.
plot f index 0 using 1:2:3 with image, \
     $h1 with lines ls 2, $h2 with lines ls 2, $h3 with lines ls 2, \
     $half with lines ls 1, \
     f index 1 using 1:($3 > 0.5 ? $2 : NaN) with points pt 5 ps 2 lc rgb 'white', \
     f index 1 using 1:($3 > 0.5 ? $2 : NaN) with points pt 4 ps 2 lw 2 lc rgb 'black', \
     f index 1 using 1:($3 > 0.5 ? NaN : $2) with points pt 7 ps 2 lc rgb 'black'
