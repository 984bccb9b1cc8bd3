# Loss per epoch from three initial scales.  Data: descent --out; columns
# epoch, fan-in scaled, standard normal, N(0, 0.01^2).
set logscale y
set format y '$10^{%L}$'
set xlabel 'epoch'
set ylabel 'mean loss'
set grid lc rgb '#dddddd'
set key top right samplen 2.5
f = data.'/descent-init.dat'
plot f using 1:2 with lines lw 3 lc rgb '#2e8b57' dt 1 title 'fan-in scaled', \
     f using 1:3 with lines lw 3 lc rgb '#b03a2e' dt (8, 4) title '$\mathcal N(0, 1)$', \
     f using 1:4 with lines lw 3 lc rgb '#4a78b0' dt (2, 3) title '$\mathcal N(0, 10^{-4})$'
