# Loss per epoch without and with momentum 0.9.  Data: descent --out;
# columns epoch, no momentum, momentum 0.9.
set logscale y
set format y '$10^{%L}$'
set xlabel 'epoch'
set ylabel 'mean loss'
set grid lc rgb '#dddddd'
set key top right samplen 2.5
f = data.'/descent-momentum.dat'
plot f using 1:2 with lines lw 3 lc rgb '#4a78b0' dt (8, 4) title 'no momentum', \
     f using 1:3 with lines lw 3 lc rgb '#2e8b57' dt 1 title 'momentum $0.9$'
