# The confusion matrix of the test set: for each true class (row) the
# number of its images predicted as each class (column), printed in the
# cell; the shade is the share of the row, on a linear scale.  Data:
# fashion --pictures; lines true, predicted, share, count.
set size ratio -1
set xrange [-0.5:9.5]
set yrange [9.5:-0.5]
set xtics ('T-shirt/top' 0, 'Trouser' 1, 'Pullover' 2, 'Dress' 3, 'Coat' 4, \
           'Sandal' 5, 'Shirt' 6, 'Sneaker' 7, 'Bag' 8, 'Ankle boot' 9) \
          rotate by 45 right scale 0
set ytics ('T-shirt/top' 0, 'Trouser' 1, 'Pullover' 2, 'Dress' 3, 'Coat' 4, \
           'Sandal' 5, 'Shirt' 6, 'Sneaker' 7, 'Bag' 8, 'Ankle boot' 9) scale 0
set xlabel 'predicted class'
set ylabel 'true class'
# light enough at 1 for black figures to stay legible, in grey too
set palette defined (0 'white', 1 '#7fa3d6')
set cbrange [0:1]
set cblabel 'share of the row'
set cbtics 0.25
unset key
f = data.'/fashion-confusion.dat'
plot f using 2:1:3 with image, \
     f using 2:1:($4 > 0 ? sprintf('%d', $4) : '') with labels
