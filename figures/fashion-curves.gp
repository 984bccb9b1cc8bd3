# Loss and test accuracy after every epoch.  Data: fashion --curves;
# columns epoch, training loss, test loss, test accuracy.
set multiplot layout 1,2
set xlabel 'epoch'
set grid lc rgb '#dddddd'
f = data.'/fashion-curves.dat'
set title 'loss'
set key top right samplen 2.5
plot f using 1:2 with linespoints lw 3 pt 7 ps 0.6 lc rgb '#4a78b0' dt 1 title 'training', \
     f using 1:3 with linespoints lw 3 pt 4 ps 0.6 lc rgb '#b03a2e' dt (8, 4) title 'test'
set title 'test accuracy (\%)'
unset key
plot f using 1:(100*$4) with linespoints lw 3 pt 7 ps 0.6 lc rgb '#2e8b57' dt 1
unset multiplot
