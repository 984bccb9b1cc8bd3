# The decision regions of the quadrants networks: the class predicted at
# the centre of every cell of a grid over [-2,2]^2.  Data: quadrants
# --regions; columns x1, x2, then the class (0 or 1) predicted by the
# 2-3-2 network before training, after it, and by the network that the
# validation points chose.
# The dashed lines are the axes, where the true class changes.
f = data.'/quadrants-regions.dat'
set size ratio -1
set xrange [-2:2]
set yrange [-2:2]
set xtics 1
set ytics 1
set cbrange [0:1]
unset colorbox
unset key
set palette defined (0 '#e4ecf6', 1 '#7f9cc4')
set arrow 1 from -2, 0 to 2, 0 nohead front lw 3 lc rgb '#000000' dt (6, 4)
set arrow 2 from 0, -2 to 0, 2 nohead front lw 3 lc rgb '#000000' dt (6, 4)
set xlabel '$x_1$'
set multiplot layout 1, 3
set ylabel '$x_2$'
set title 'before training'
plot f using 1:2:3 with image
unset ylabel
set title 'after training'
plot f using 1:2:4 with image
set title 'chosen network'
plot f using 1:2:5 with image
unset multiplot
