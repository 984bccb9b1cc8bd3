# Loss and accuracy after every epoch of seed A, both measured on the
# weights at the epoch's end.  Data: fashion --curves; columns epoch,
# training loss and accuracy (on 10,000 training images), validation
# loss and accuracy.
set multiplot layout 1,2
set xlabel 'epoch'
set grid lc rgb '#dddddd'
set xrange [0.5:10.5]
set xtics 1, 1, 10
f = data.'/fashion-curves-A.dat'
set title 'loss'
set key top right samplen 2.5
plot f using 1:2 with linespoints lw 3 pt 7 ps 0.6 lc rgb '#4a78b0' dt 1 title 'training', \
     f using 1:4 with linespoints lw 3 pt 4 ps 0.6 lc rgb '#b03a2e' dt (8, 4) title 'validation'
set title 'accuracy (\%)'
set key bottom right samplen 2.5
plot f using 1:(100*$3) with linespoints lw 3 pt 7 ps 0.6 lc rgb '#4a78b0' dt 1 title 'training', \
     f using 1:(100*$5) with linespoints lw 3 pt 4 ps 0.6 lc rgb '#b03a2e' dt (8, 4) title 'validation'
unset multiplot
