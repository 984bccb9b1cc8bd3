# Loss per epoch for batches of 1, 16 and all samples.  Data: descent
# --out; columns epoch, batch 1, batch 16, full batch.
set logscale y
set format y '$10^{%L}$'
set xlabel 'epoch'
set ylabel 'mean loss'
set grid lc rgb '#dddddd'
set key top right samplen 2.5
f = data.'/descent-batches.dat'
plot f using 1:2 with lines lw 3 lc rgb '#4a78b0' dt 1 title 'batch 1', \
     f using 1:3 with lines lw 3 lc rgb '#2e8b57' dt (8, 4) title 'batch 16', \
     f using 1:4 with lines lw 3 lc rgb '#b03a2e' dt (2, 3) title 'full batch'
