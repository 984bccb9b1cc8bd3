# The validation accuracy after every epoch, for five seeds of the
# network with 128 hidden nodes and five of the linear softmax.
# Data: fashion --curves, one file
# a run; columns epoch, training loss and accuracy, validation loss and
# accuracy.
set xlabel 'epoch'
set ylabel 'validation accuracy (\%)'
set grid lc rgb '#dddddd'
set xrange [0.5:10.5]
set xtics 1, 1, 10
set key bottom right samplen 2.5 opaque
runs = 'A B C D E'
net(s) = data.'/fashion-curves-'.s.'.dat'
lin(s) = data.'/fashion-lincurves-'.s.'.dat'

plot for [s in runs] net(s) using 1:(100*$5) with lines lw 2 lc rgb '#b03a2e' dt 1 \
         title (s eq 'A' ? '128 hidden ReLU nodes' : ''), \
     for [s in runs] lin(s) using 1:(100*$5) with lines lw 2 lc rgb '#4a78b0' dt (6, 3) \
         title (s eq 'A' ? 'linear softmax' : '')
